/**
 * Test code has entry points of its own (`…/testing`); the production entry points export none of
 * it. (The lint forbids the import; this proves the shape of what the apps load.)
 */
import * as journeysDomain from '@stepwise/journeys-domain';
import * as journeysDomainTesting from '@stepwise/journeys-domain/testing';
import * as journeysInfrastructure from '@stepwise/journeys-infrastructure';
import * as journeysInfrastructureTesting from '@stepwise/journeys-infrastructure/testing';
import * as kernel from '@stepwise/kernel';
import * as kernelTesting from '@stepwise/kernel/testing';
import * as tenancyDomain from '@stepwise/tenancy-domain';
import * as tenancyDomainTesting from '@stepwise/tenancy-domain/testing';

const pairs: ReadonlyArray<[string, object, object]> = [
  ['@stepwise/kernel', kernel, kernelTesting],
  ['@stepwise/journeys-domain', journeysDomain, journeysDomainTesting],
  ['@stepwise/tenancy-domain', tenancyDomain, tenancyDomainTesting],
  ['@stepwise/journeys-infrastructure', journeysInfrastructure, journeysInfrastructureTesting],
];

describe.each(pairs)('%s', (_name, production, testing) => {
  it('exports nothing of its testing entry point', () => {
    expect(Object.keys(testing).length).toBeGreaterThan(0);
    expect(Object.keys(production).filter((name) => name in testing)).toEqual([]);
  });
});
