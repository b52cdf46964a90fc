import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en as approvalsEn } from './en.js';
import { zhCN as approvalsZhCN } from './zh-CN.js';

describeCatalogue('approval queue', approvalsEn, approvalsZhCN);
