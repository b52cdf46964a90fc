import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en as adminEn } from './en.js';
import { zhCN as adminZhCN } from './zh-CN.js';

describeCatalogue('member admin', adminEn, adminZhCN);
