/**
 * Where focus goes when a form finds a mistake: to the first field marked invalid, so a keyboard or
 * screen-reader user lands on it and hears its error (the field names it in aria-describedby); with
 * no field to blame, to the form's message, which is announced (role="alert") anyway.
 */
import { tick } from 'svelte';

/** After the next render, focuses the first invalid field in `container`, else its alert. */
export async function focusFirstInvalid(container: HTMLElement | undefined): Promise<void> {
  await tick();
  if (!container) return;
  const field = container.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (field && !field.closest('[hidden]')) {
    field.focus();
    return;
  }
  const alert = container.querySelector<HTMLElement>('[role="alert"]');
  if (alert) {
    if (!alert.hasAttribute('tabindex')) alert.setAttribute('tabindex', '-1');
    alert.focus();
  }
}
