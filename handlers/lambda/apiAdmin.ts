import { apiHandler } from './api';

export const handler = apiHandler('admin', 'adminToken', 'minter', 'lifecycle', 'openingChecks', 'accounts');
