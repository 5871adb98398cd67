import { apiHandler } from './api';

export const handler = apiHandler('commands', 'adminToken', 'minter', 'lifecycle');
