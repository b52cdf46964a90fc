import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en as adminEn } from './en.js';
import { zhCN as adminZhCN } from './zh-CN.js';
import { en as auditEn } from '../audit/i18n/en.js';
import { zhCN as auditZhCN } from '../audit/i18n/zh-CN.js';
import { en as importEn } from '../import/i18n/en.js';
import { zhCN as importZhCN } from '../import/i18n/zh-CN.js';
import { en as notifyEn } from '../notifications/i18n/en.js';
import { zhCN as notifyZhCN } from '../notifications/i18n/zh-CN.js';

describeCatalogue('member admin', adminEn, adminZhCN);
describeCatalogue('admin audit tab', auditEn, auditZhCN);
describeCatalogue('admin import tab', importEn, importZhCN);
describeCatalogue('admin notifications tab', notifyEn, notifyZhCN);
