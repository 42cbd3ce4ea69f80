import type { JSX } from 'solid-js';

// Inline SVG icons (stroke style), decorative: the button around each carries the label.
const paths = {
  copy: 'M9 9h10v10H9zM5 15V5h10',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4',
  plus: 'M12 5v14M5 12h14',
  lock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  // A cog with eight teeth around a hub: a circle with separate rays read as a sun (a theme
  // switch), not as settings.
  settings:
    'M10.3 5L10.7 2.5L13.3 2.5L13.7 5L15.8 5.9L17.8 4.4L19.6 6.2L18.1 8.2L19 10.3L21.5 10.7L21.5 13.3L19 13.7L18.1 15.8L19.6 17.8L17.8 19.6L15.8 18.1L13.7 19L13.3 21.5L10.7 21.5L10.3 19L8.2 18.1L6.2 19.6L4.4 17.8L5.9 15.8L5 13.7L2.5 13.3L2.5 10.7L5 10.3L5.9 8.2L4.4 6.2L6.2 4.4L8.2 5.9zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  eye: 'M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12zM12 9.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z',
  eyeOff:
    'M3 3l18 18M10.6 6.1A9.7 9.7 0 0 1 12 6c6 0 9.5 6 9.5 6a16 16 0 0 1-2.8 3.4M6.4 7.6A16 16 0 0 0 2.5 12S6 18 12 18a9 9 0 0 0 4.2-1M9.9 10a2.5 2.5 0 0 0 3.5 3.6',
  trash: 'M4 7h16M9 7V4.5h6V7M6.5 7l1 13h9l1-13',
  back: 'M15 5l-7 7 7 7',
  chevron: 'M9 5l7 7-7 7',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  refresh: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v4.5h-4.5',
  key: 'M14.5 4a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM10.6 13.4L4 20M6.5 17.5l2 2M8.5 15.5l1.5 1.5',
  dice: 'M5 5h14v14H5zM9 9h.01M15 9h.01M12 12h.01M9 15h.01M15 15h.01',
  restore: 'M4 12a8 8 0 1 0 2.3-5.7M4 4v4.5h4.5',
  warning: 'M12 4l9 16H3zM12 10v4M12 17h.01',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  close: 'M6 6l12 12M18 6L6 18',
  check: 'M5 12.5l4.5 4.5L19 7',
  sort: 'M7 4v16M4 17l3 3 3-3M17 20V4M14 7l3-3 3 3',
} as const;

export type IconName = keyof typeof paths;

export function Icon(props: { name: IconName; class?: string; filled?: boolean }): JSX.Element {
  return (
    <svg
      class={`icon ${props.class ?? ''}`}
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      fill={props.filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={paths[props.name]} />
    </svg>
  );
}
