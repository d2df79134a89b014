/**
 * One customer in a search list (the header search, the customer pickers, the PM's spouse search): name and
 * phone as the server sends it (masked unless the viewer may see it, R-SEC-1). Records the PM identified as
 * the same customer (认定同一客户, R-OWN-8) arrive as one hit: its other numbers follow the first, and the
 * person's owners now are named, so two records never show as two rows that look alike once masked.
 */
import { joinList, useT } from '../i18n';
import { staffName, useSession } from '../stores/session';

interface Props {
  customer: {
    id: number;
    name: string;
    phone: string;
    sameAs?: readonly { id: number; name: string; phone: string }[];
    owners?: readonly string[];
  };
  listId: string;
  active: boolean;
  onActivate(): void;
  onChoose(): void;
  testId: string;
  /** class prefix of the list it belongs to: `customer-option` or `header-search` */
  look: 'customer-option' | 'header-search';
}

export function CustomerOption({ customer: c, listId, active, onActivate, onChoose, testId, look }: Props) {
  const t = useT();
  const staff = useSession((s) => s.staff);
  const phones = [c.phone, ...(c.sameAs ?? []).map((x) => x.phone)];
  const owners = (c.owners ?? []).map((id) => staffName(staff, id));
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
      data-same-as={(c.sameAs ?? []).map((x) => x.id).join(',')}
      data-owners={(c.owners ?? []).join(',')}
    >
      <span className={`${look}-name`}>{c.name}</span>
      <span className="customer-option-facts">
        <span className={look === 'header-search' ? 'header-search-phone' : 'muted'} data-testid={`${testId}-phones`}>
          {joinList(t, phones)}
        </span>
        {owners.length > 0 && (
          <span className="customer-option-owner" data-testid={`${testId}-owner`}>
            {t('customerSearch.owner', { owners: joinList(t, owners) })}
          </span>
        )}
      </span>
    </li>
  );
}
