import { avatarHue, avatarLetter } from '../lib/avatar.ts';

export function Avatar(props: { name: string; size?: 'small' | 'large' }) {
  return (
    <span
      class={`avatar ${props.size === 'large' ? 'avatar-large' : ''}`}
      aria-hidden="true"
      style={{ '--avatar-hue': String(avatarHue(props.name)) }}
    >
      {avatarLetter(props.name)}
    </span>
  );
}
