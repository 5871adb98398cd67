import { apiHandler } from './api';

export const handler = apiHandler('read', 'auditExports');
