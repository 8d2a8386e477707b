/**
 * The form a form action was called with. An action is a public endpoint: anyone can call it with any arguments, not
 * only the form (a string, an object, nothing), so anything but a FormData counts as an empty form and fails
 * validation like one, with the form's own messages.
 */
export function formOf(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}
