/** What the fault tests' delivery process prints once it runs. */
export const DELIVERY_PROCESS_READY = 'delivery process running';
