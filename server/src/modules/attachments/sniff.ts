/** How many leading bytes the type is decided from (what `file-type` needs for every format it knows). */
export const SNIFF_BYTES = 4100;

export type Sniffed = { ok: true; contentType: string } | { ok: false; reason: string };

/**
 * Names a browser, a shell or Windows would run or render as a page, whatever the bytes. The name is checked as
 * well as the bytes because the recipient's desktop decides by the name once the file is saved.
 */
const REFUSED_EXTENSIONS = new Set([
  // Windows executables, installers and shortcuts
  'exe',
  'dll',
  'com',
  'scr',
  'pif',
  'cpl',
  'msi',
  'msp',
  'mst',
  'msix',
  'msixbundle',
  'appx',
  'appxbundle',
  'sys',
  'drv',
  'ocx',
  'lnk',
  'url',
  'reg',
  'inf',
  'hta',
  'chm',
  'gadget',
  'application',
  'msc',
  'scf',
  'library-ms',
  'settingcontent-ms',
  // scripts
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'psd1',
  'ps1xml',
  'vbs',
  'vbe',
  'vb',
  'js',
  'jse',
  'mjs',
  'cjs',
  'wsf',
  'wsh',
  'ws',
  'wsc',
  'sct',
  'sh',
  'bash',
  'zsh',
  'csh',
  'ksh',
  'command',
  'py',
  'pyw',
  'pl',
  'rb',
  'php',
  'phtml',
  'jsp',
  'asp',
  'aspx',
  'cgi',
  // other platforms' programs and packages
  'jar',
  'class',
  'apk',
  'aab',
  'xapk',
  'ipa',
  'app',
  'dmg',
  'pkg',
  'deb',
  'rpm',
  'run',
  'bin',
  'elf',
  'so',
  'dylib',
  'out',
  'desktop',
  'workflow',
  'action',
  'xpi',
  'crx',
  'wasm',
  'swf',
  // pages a browser renders (and runs scripts in)
  'html',
  'htm',
  'xhtml',
  'xht',
  'shtml',
  'shtm',
  'mht',
  'mhtml',
  'svg',
  'svgz',
  'xml',
  'xsl',
  'xslt',
  // files Windows hands to a program that fetches or runs something (web queries, links, search connectors)
  'iqy',
  'slk',
  'search-ms',
  'searchconnector-ms',
  'appref-ms',
  'website',
  'diagcab',
  'msh',
  'msh1',
  'msh2',
  'mshxml',
  // issue 22: text files that a program on the desktop runs — macOS Terminal (.tool), AutoHotkey, AutoIt, PowerShell
  // consoles, Java Web Start — and Excel add-ins (DLLs Excel loads)
  'tool',
  'ahk',
  'au3',
  'a3x',
  'psc1',
  'psc2',
  'jnlp',
  'xll',
  'xla',
  // Office documents with macros
  'docm',
  'dotm',
  'xlsm',
  'xltm',
  'xlam',
  'pptm',
  'potm',
  'ppam',
  'ppsm',
  'sldm',
]);

/** What `file-type` may find, and the content type stored for it. */
const ALLOWED_DETECTED: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  heic: 'image/heic',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  avi: 'video/x-msvideo',
  mkv: 'video/x-matroska',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  zip: 'application/zip',
  '7z': 'application/x-7z-compressed',
  rar: 'application/vnd.rar',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

/** Archive types whose file name must say what they are. */
const ZIP_LIKE = new Set(['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);

/** Office formats that are zips: `file-type` may only see "zip" when the marker part lies past the first bytes. */
const OFFICE_ZIPS = new Set(['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);
/** Old Office files are OLE (CFB) containers, as are .msi installers: allowed only when the name says Office. */
const OFFICE_CFB: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** Text types by extension; other text is stored as plain text. */
const TEXT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  md: 'text/markdown',
  markdown: 'text/markdown',
  json: 'application/json',
};

/** Markup a browser would render as a page or an image with scripts, if it ever ignored the headers. */
const MARKUP =
  /<(?:svg|html|script|iframe|object|embed|!doctype\s+html|\?xml|xsl:|body|head|meta|foreignobject)[\s>/:]/i;

export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 || (dot === 0 && name.length > 1) ? name.slice(dot + 1).toLowerCase() : '';
};

/** The text charset of `head` (`utf-8` or `gb18030`), or null when the bytes are not text. */
function textCharset(head: Uint8Array, complete: boolean): string | null {
  for (const byte of head) {
    // NUL and most C0 controls do not occur in text; tab, line breaks, form feed and ESC do.
    if (
      byte < 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0b &&
      byte !== 0x0c &&
      byte !== 0x0d &&
      byte !== 0x1b
    )
      return null;
    if (byte === 0x7f) return null;
  }
  for (const charset of ['utf-8', 'gb18030']) {
    try {
      // `stream: true` tolerates a character cut in half at the end of a head taken from a longer file.
      new TextDecoder(charset, { fatal: true }).decode(head, { stream: !complete });
      return charset;
    } catch {
      /* try the next one */
    }
  }
  return null;
}

/**
 * Decides what an upload is from its first bytes (`head`, at most `SNIFF_BYTES`; `complete` when that is the
 * whole file) and its name. The stored content type comes from the bytes, never from the client.
 */
export async function sniffType(head: Uint8Array, name: string, complete: boolean): Promise<Sniffed> {
  const ext = extensionOf(name);
  if (REFUSED_EXTENSIONS.has(ext)) return { ok: false, reason: `.${ext} files cannot be attached.` };
  if (head[0] === 0x4d && head[1] === 0x5a) return { ok: false, reason: 'The file is a program (MZ header).' };
  if (head[0] === 0x23 && head[1] === 0x21) return { ok: false, reason: 'The file is a script ("#!" first line).' };

  // Loaded at the first upload, not at start-up (issue 15: ~150 KB with its readers; external, server/build.mjs).
  const detected = head.length ? await (await import('file-type')).fileTypeFromBuffer(head) : undefined;
  if (detected) {
    if (detected.ext === 'cfb') {
      const office = OFFICE_CFB[ext];
      return office
        ? { ok: true, contentType: office }
        : { ok: false, reason: 'OLE containers are accepted only as .doc, .xls or .ppt files.' };
    }
    if (detected.ext === 'zip' && OFFICE_ZIPS.has(ext)) return { ok: true, contentType: ALLOWED_DETECTED[ext]! };
    // A zip under another name may be a format some program opens and runs (macro documents, add-ins): only as .zip.
    if (ZIP_LIKE.has(detected.ext) && ext !== detected.ext && !OFFICE_ZIPS.has(ext)) {
      return { ok: false, reason: `A ${detected.ext} archive must be named .${detected.ext}.` };
    }
    const type = ALLOWED_DETECTED[detected.ext];
    return type
      ? { ok: true, contentType: type }
      : { ok: false, reason: `Files of type ${detected.mime} cannot be attached.` };
  }

  const charset = textCharset(head, complete);
  if (!charset) return { ok: false, reason: 'The file is of an unknown binary type.' };
  const text = new TextDecoder(charset).decode(head);
  if (MARKUP.test(text.slice(0, 2048))) return { ok: false, reason: 'HTML, SVG and XML pages cannot be attached.' };
  const base = TEXT_TYPES[ext] ?? 'text/plain';
  return { ok: true, contentType: `${base}; charset=${charset}` };
}
