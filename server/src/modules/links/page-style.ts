// The contact page's stylesheet, served from /conversation/style.css (the CSP allows styles from 'self' only).
export const PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #f4f5f7; --card: #fff; --line: #d8dde3;
  --accent: #1f6feb; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #161b22;
  --line: #30363d; --accent: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 12px; background: var(--bg); color: var(--fg); line-height: 1.5;
  font: 16px/1.5 -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif; }
main { max-width: 720px; margin: 0 auto; }
h1 { font-size: 1.4rem; line-height: 1.3; }
article { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 0 0 12px; }
article header { color: var(--muted); font-size: 0.9rem; margin-bottom: 8px; }
.gone, .note { color: var(--muted); }
.sent { padding: 8px 12px; border-radius: 6px; border: 1px solid var(--accent); }
form { display: grid; gap: 8px; margin: 16px 0; }
textarea { font: inherit; padding: 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--card);
  color: var(--fg); }
button { font: inherit; font-weight: 600; justify-self: start; padding: 8px 16px; border: 0; border-radius: 6px;
  background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: var(--accent); border: 1px solid var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
a { color: var(--accent); }
`;
