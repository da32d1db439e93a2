import { deciderSpec } from '@stepwise/kernel/testing';
import type { UpdateOrganisationSettings } from './organisation.commands';
import { organisationDecider } from './organisation.decider';
import type { OrganisationSettingsChanged } from './organisation.events';
import { DEFAULT_ORGANISATION_SETTINGS } from './organisation.settings';
import { evolveOrganisation, initialOrganisationState } from './organisation.state';
import { ADA, AT, BEN, ORG_ID, acmeWithAdaAndBen, as } from '../testing/organisation.fixtures';

const given = deciderSpec(organisationDecider);

const update = (data: Omit<UpdateOrganisationSettings['data'], 'organisationId'>, actor: { subject: string } = ADA): UpdateOrganisationSettings => ({
  type: 'UpdateOrganisationSettings',
  data: { organisationId: ORG_ID, ...data },
  metadata: as(actor),
});

const changed = (data: Partial<OrganisationSettingsChanged['data']> = {}): OrganisationSettingsChanged => ({
  type: 'OrganisationSettingsChanged',
  data: { organisationId: ORG_ID, ...DEFAULT_ORGANISATION_SETTINGS, changedBy: ADA.memberId, at: AT, ...data },
});

describe('organisation settings', () => {
  it('start at the defaults: UTC, groups of 3, stalled after 14 days, a 72 h reflection window', () => {
    const state = acmeWithAdaAndBen().reduce(evolveOrganisation, initialOrganisationState());
    expect(state.status === 'CREATED' && state.settings).toEqual({
      timezone: 'UTC',
      minimumGroupSize: 3,
      stalledAfterDays: 14,
      reflectionWindowHours: 72,
    });
  });

  it('an ADMIN changes some and the event carries the whole settings after the change', () => {
    given(acmeWithAdaAndBen())
      .when(update({ timezone: 'Pacific/Auckland', minimumGroupSize: 5 }))
      .then([changed({ timezone: 'Pacific/Auckland', minimumGroupSize: 5 })]);
  });

  it('keeps earlier changes when a later one names other fields', () => {
    given([...acmeWithAdaAndBen(), changed({ timezone: 'Asia/Tokyo' })])
      .when(update({ stalledAfterDays: 21, reflectionWindowHours: 48 }))
      .then([changed({ timezone: 'Asia/Tokyo', stalledAfterDays: 21, reflectionWindowHours: 48 })]);
  });

  it('changing nothing records nothing', () => {
    given([...acmeWithAdaAndBen(), changed({ minimumGroupSize: 4 })]).when(update({ minimumGroupSize: 4 })).then([]);
  });

  it('accepts the edges of the group-size range, 2 and 50', () => {
    given(acmeWithAdaAndBen()).when(update({ minimumGroupSize: 2 })).then([changed({ minimumGroupSize: 2 })]);
    given(acmeWithAdaAndBen()).when(update({ minimumGroupSize: 50 })).then([changed({ minimumGroupSize: 50 })]);
  });

  it('refuses a MEMBER: FORBIDDEN', () => {
    given(acmeWithAdaAndBen()).when(update({ minimumGroupSize: 4 }, BEN)).thenThrows('FORBIDDEN');
    // Before the input is read: a member refused learns nothing of it, even that it asks for nothing.
    given(acmeWithAdaAndBen()).when(update({}, BEN)).thenThrows('FORBIDDEN');
  });

  it('refuses an organisation that does not exist: ORGANISATION_NOT_FOUND', () => {
    given([]).when(update({ minimumGroupSize: 4 })).thenThrows('ORGANISATION_NOT_FOUND');
  });

  it.each([
    ['nothing to change', {}, 'input'],
    ['an unknown timezone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['a blank timezone', { timezone: '  ' }, 'timezone'],
    ['a group of 1', { minimumGroupSize: 1 }, 'minimumGroupSize'],
    ['a group of 51', { minimumGroupSize: 51 }, 'minimumGroupSize'],
    ['a fractional group size', { minimumGroupSize: 2.5 }, 'minimumGroupSize'],
    ['0 stalled-after days', { stalledAfterDays: 0 }, 'stalledAfterDays'],
    ['a 0 h reflection window', { reflectionWindowHours: 0 }, 'reflectionWindowHours'],
  ] as const)('refuses %s: VALIDATION_FAILED', (_case, data, field) => {
    given(acmeWithAdaAndBen()).when(update(data)).thenThrows('VALIDATION_FAILED', { field });
  });
});
