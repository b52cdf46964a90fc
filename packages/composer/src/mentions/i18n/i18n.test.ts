import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

describeCatalogue('composer mentions (issue 19 #3)', en, zhCN);
