import { useCallback, useState } from 'react';

/**
 * A form's values, per-field errors and one form-level error. `set(k)` makes the onChange of field
 * `k`: it stores the value and clears that field's error and the form error, so a message disappears
 * as soon as the person starts correcting it. The values may start as null while they are loaded.
 */
export function useForm<F extends object>(initial: F | null) {
  const [form, setForm] = useState<F | null>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof F, string>>>({});
  const [formError, setFormError] = useState('');
  const set = useCallback(
    <K extends keyof F>(k: K) =>
      (v: F[K]) => {
        setForm((f) => (f ? { ...f, [k]: v } : f));
        setErrors((e) => ({ ...e, [k]: undefined }));
        setFormError('');
      },
    [],
  );
  return { form, setForm, set, errors, setErrors, formError, setFormError };
}
