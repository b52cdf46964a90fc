import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

describeCatalogue('rich-text editor', en, zhCN);
