import { describeCatalogue } from '@herald/core/testing/catalogues';
import { en as composerEn } from './en.js';
import { zhCN as composerZhCN } from './zh-CN.js';
import { en as editorEn } from '../editor/i18n/en.js';
import { zhCN as editorZhCN } from '../editor/i18n/zh-CN.js';

describeCatalogue('composer', composerEn, composerZhCN);
describeCatalogue('body editor', editorEn, editorZhCN);
