import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en as composerEn } from './en.js';
import { zhCN as composerZhCN } from './zh-CN.js';

describeCatalogue('composer', composerEn, composerZhCN);
