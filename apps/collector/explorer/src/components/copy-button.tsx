import { useState } from 'preact/hooks';

/** A command to copy, shown in full so it can also be selected by hand. */
export function CopyCommand({ label, text, testId }: { label: string; text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (_error) {
      // No clipboard (an insecure origin, or a denied permission): the text stays selectable.
    }
  };
  return (
    <div class="copy">
      <button onClick={copy} data-testid={testId} data-command={text}>
        {copied ? 'Copied' : label}
      </button>
      <code>{text}</code>
    </div>
  );
}
