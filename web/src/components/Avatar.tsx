import { Show } from 'solid-js';
import { useServices } from '../app/services.tsx';
import { avatarHue, avatarLetter } from '../lib/avatar.ts';
import { brandForeground } from '../lib/brand-match.ts';

// A brand's icon (Simple Icons, docs/web.md "Brand icons") on its own colour when the issuer,
// site or name is a known brand and the setting is on; otherwise the letter avatar.
export function Avatar(props: { name: string; issuer?: string; url?: string; size?: 'small' | 'large' }) {
  const { brandIcons } = useServices();
  const icon = () => brandIcons.find({ issuer: props.issuer, url: props.url, title: props.name });
  const size = () => (props.size === 'large' ? 'avatar-large' : '');
  return (
    <Show
      when={icon()}
      fallback={
        <span class={`avatar ${size()}`} aria-hidden="true" style={{ '--avatar-hue': String(avatarHue(props.name)) }}>
          {avatarLetter(props.name)}
        </span>
      }
    >
      {(brand) => (
        <span
          class={`avatar avatar-brand ${size()}`}
          aria-hidden="true"
          data-brand={brand().slug}
          style={{ '--brand': `#${brand().hex}`, '--brand-fg': brandForeground(brand().hex) }}
        >
          <svg viewBox="0 0 24 24">
            <path d={brand().path} />
          </svg>
        </span>
      )}
    </Show>
  );
}
