/**
 * A form driven from the keyboard, as the desk works: Enter submits, Esc cancels (unless a field inside,
 * such as an open customer search, has already used the Esc).
 */
import type { ReactNode } from 'react';

export function KeyboardForm({
  onSubmit,
  onEscape,
  className,
  testId,
  children,
}: {
  onSubmit(): void;
  onEscape(): void;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      data-testid={testId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onEscape();
        }
      }}
    >
      {children}
    </form>
  );
}
