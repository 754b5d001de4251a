import { capabilityControllers } from '../capabilities';
import contract from '../contract/controllers';

/** Strapi's flat table of controllers: every capability's (capabilities.ts), and the contract's. */
export default { ...capabilityControllers, contract };
