import { otpCode } from '@tessera/core/otp/code';
import type { Otp } from '@tessera/core/otp/types';
import { createMemo, Show } from 'solid-js';
import { groupCode, spokenCode } from '../lib/format-code.ts';
import { otpKindLabel, otpSettingsLabel } from './describe-otp.ts';

// The code the new OTP makes right now, so the user can check it against the website before
// saving: a wrong period or algorithm shows up here as a code the site refuses.
export function OtpPreview(props: { otp: Otp; now: number }) {
  const code = createMemo(() => otpCode(props.otp, props.now));
  return (
    <div class="add-preview">
      <dl class="add-preview-facts">
        <div>
          <dt>Type</dt>
          <dd>{otpKindLabel(props.otp)}</dd>
        </div>
        <div>
          <dt>Settings</dt>
          <dd>{otpSettingsLabel(props.otp)}</dd>
        </div>
      </dl>
      <p class="add-preview-code-line">
        <span class="add-preview-label">Current code</span>
        <span class="add-preview-code" aria-label={spokenCode(code().code)}>
          {groupCode(code().code)}
        </span>
        <Show when={code().secondsLeft !== null}>
          <span class="add-preview-left">changes in {code().secondsLeft} s</span>
        </Show>
      </p>
      <p class="add-preview-note">Compare with the code the website asks for before you save.</p>
    </div>
  );
}
