import { Show } from 'solid-js';
import { useServices } from '../../app/services.tsx';
import { Icon } from '../../components/icons.tsx';

// A quiet line above the codes list when a restore test is due (docs/web.md, "Restore drill"):
// never a dialog, so getting a code is never in its way.
export function DrillReminder() {
  const { drill, settings } = useServices();
  const failed = () => settings.settings.lastRestoreDrill?.ok === false;
  return (
    <Show when={drill.due()}>
      <div class="banner banner-info" role="note" data-testid="drill-reminder">
        <Icon name="restore" />
        <span>
          {failed()
            ? 'The last restore test failed. Test again so you know your backup opens.'
            : 'Check that your backup opens, before the day you need it.'}
        </span>
        <a href="#/drill" class="banner-link">
          Test a restore
        </a>
      </div>
    </Show>
  );
}
