import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en as composerEn } from './en.js';
import { zhCN as composerZhCN } from './zh-CN.js';
import { en as forwardEn } from '../forward/i18n/en.js';
import { zhCN as forwardZhCN } from '../forward/i18n/zh-CN.js';

describeCatalogue('composer', composerEn, composerZhCN);
// Issue 20 #4: the forward block's own catalogue (a lazy chunk).
describeCatalogue('composer-forward', forwardEn, forwardZhCN);
