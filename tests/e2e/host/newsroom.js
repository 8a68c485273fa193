// A host page's script, as a CMS's analytics or ads might run: tries to read what a reporter
// pastes into the embedded tool. The test checks that every attempt fails.
window.hostSnoop = function hostSnoop() {
  const seen = [];
  const el = document.querySelector('veracity-check');
  const frame = el && el.shadowRoot && el.shadowRoot.querySelector('iframe');
  if (!frame) return { frame: false, seen };
  try {
    const doc = frame.contentDocument;
    if (doc) seen.push(`contentDocument: ${doc.body ? doc.body.innerText.slice(0, 200) : ''}`);
  } catch (e) { /* blocked, as it must be */ }
  try {
    const text = frame.contentWindow.document.querySelector('textarea').value;
    seen.push(`contentWindow: ${text.slice(0, 200)}`);
  } catch (e) { /* blocked, as it must be */ }
  return { frame: true, seen };
};
