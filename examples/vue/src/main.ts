// Define the elements before Vue mounts, so Vue sets tokenProvider (a function) as a property.
import '@herald/elements/herald-provider';
import '@herald/elements/herald-inbox';
import '@herald/elements/herald-unread-badge';
import type {} from '@herald/elements/vue'; // GlobalComponents for every Herald element, from its manifest
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
