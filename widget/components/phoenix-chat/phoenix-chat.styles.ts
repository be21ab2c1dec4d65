// Launcher styles. `all: initial` on the host stops the page's inherited styles (font, colour,
// line-height, text-align…) from leaking in; custom properties still inherit on purpose — they
// are the theming API: --phx-accent, --phx-accent-text, --phx-font, --phx-radius,
// --phx-z-index, --phx-offset-x, --phx-offset-y, --phx-panel-width, --phx-panel-height.
export const launcherStyles = `
:host{all:initial;display:block;contain:style}
:host([hidden]){display:none}
.root{
  --_accent:var(--phx-accent,var(--phx-org-accent,#2563eb));
  --_accent-text:var(--phx-accent-text,var(--phx-org-accent-text,#fff));
  --_font:var(--phx-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);
  --_radius:var(--phx-radius,14px);
  --_x:var(--phx-offset-x,20px);
  --_y:var(--phx-offset-y,20px);
  font:14px/1.45 var(--_font);color:#1f2937;
}
.launcher,.wrap{position:fixed;z-index:var(--phx-z-index,2147483000);right:var(--_x)}
.left .launcher,.left .wrap{right:auto;left:var(--_x)}
.launcher{
  bottom:var(--_y);width:56px;height:56px;border-radius:50%;border:0;margin:0;padding:0;cursor:pointer;
  background:var(--_accent);color:var(--_accent-text);box-shadow:0 6px 20px rgba(0,0,0,.22);
  display:grid;place-items:center;transition:transform .15s ease;
}
.launcher:hover{transform:scale(1.05)}
.launcher:focus-visible{outline:3px solid var(--_accent);outline-offset:3px}
.launcher svg{width:26px;height:26px;fill:currentColor;grid-area:1/1}
.launcher .x,.open .launcher .bubble{display:none}
.open .launcher .x{display:block}
.launcher[aria-busy=true]::after{
  content:"";grid-area:1/1;width:48px;height:48px;border-radius:50%;
  border:2px solid transparent;border-top-color:currentColor;animation:spin .8s linear infinite;
}
.badge{
  position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;
  border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px var(--_font);text-align:center;
  box-shadow:0 0 0 2px #fff;
}
.badge[hidden]{display:none}
.wrap{
  bottom:calc(var(--_y) + 72px);width:var(--phx-panel-width,380px);height:var(--phx-panel-height,600px);
  max-width:calc(100vw - 2 * var(--_x));max-height:calc(100vh - var(--_y) - 96px);
  border-radius:var(--_radius);box-shadow:0 12px 48px rgba(0,0,0,.25);overflow:hidden;background:#fff;
  animation:rise .18s ease-out;
}
.wrap[hidden]{display:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.oops{position:fixed;bottom:calc(var(--_y) + 64px);right:var(--_x);z-index:var(--phx-z-index,2147483000);
  background:#111;color:#fff;padding:6px 10px;border-radius:8px;font-size:13px}
.left .oops{right:auto;left:var(--_x)}
.oops[hidden]{display:none}
@media (max-width:480px){
  .open .wrap{inset:0;width:auto;height:auto;max-width:none;max-height:none;border-radius:0}
  .open .launcher{display:none}
}
@keyframes spin{to{transform:rotate(360deg)}}
@keyframes rise{from{opacity:0;transform:translateY(8px)}}
@media (prefers-reduced-motion:reduce){.wrap,.launcher,.launcher::after{animation:none;transition:none}}
`;
