/** One customer in a search list (the header search, the customer pickers): name and phone as the server sends it (masked unless the viewer may see it, R-SEC-1). */
interface Props {
  customer: { id: number; name: string; phone: string };
  listId: string;
  active: boolean;
  onActivate(): void;
  onChoose(): void;
  testId: string;
  /** class prefix of the list it belongs to: `customer-option` or `header-search` */
  look: 'customer-option' | 'header-search';
}

export function CustomerOption({ customer: c, listId, active, onActivate, onChoose, testId, look }: Props) {
  return (
    <li
      id={`${listId}-${c.id}`}
      role="option"
      aria-selected={active}
      className={active ? 'active' : ''}
      onMouseDown={(e) => {
        // keep the focus in the input: choosing happens on mouse-down, before blur closes the list
        e.preventDefault();
        onChoose();
      }}
      onMouseEnter={onActivate}
      data-testid={testId}
      data-customer={c.id}
    >
      <span className={`${look}-name`}>{c.name}</span>
      <span className={look === 'header-search' ? 'header-search-phone' : 'muted'}>{c.phone}</span>
    </li>
  );
}
