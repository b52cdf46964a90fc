import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en as inboxEn } from './en.js';
import { zhCN as inboxZhCN } from './zh-CN.js';
import { en as alertEn } from '../alert/i18n/en.js';
import { zhCN as alertZhCN } from '../alert/i18n/zh-CN.js';
import { en as messageViewEn } from '../message/i18n/en.js';
import { zhCN as messageViewZhCN } from '../message/i18n/zh-CN.js';
import { en as alertDialogEn } from '../alert/dialog/i18n/en.js';
import { zhCN as alertDialogZhCN } from '../alert/dialog/i18n/zh-CN.js';
import { en as actionsEn } from '../actions/i18n/en.js';
import { zhCN as actionsZhCN } from '../actions/i18n/zh-CN.js';

describeCatalogue('inbox', inboxEn, inboxZhCN);
describeCatalogue('urgent alert', alertEn, alertZhCN);
describeCatalogue('urgent alert dialog (lazy)', alertDialogEn, alertDialogZhCN);
describeCatalogue('message view', messageViewEn, messageViewZhCN);
describeCatalogue('inbox actions (lazy)', actionsEn, actionsZhCN);
