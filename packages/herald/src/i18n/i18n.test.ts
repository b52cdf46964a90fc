import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en as signInEn } from './en.js';
import { zhCN as signInZhCN } from './zh-CN.js';

describeCatalogue('sign-in', signInEn, signInZhCN);
