import type { Request, Response } from 'express';

/*
 * Express's Request and Response with their type parameters spelled out:
 * their defaults contain `any`, which the project keeps out of exported
 * signatures (controller methods are exported).
 */
export type HttpRequest = Request<Record<string, string>, unknown, unknown, Record<string, unknown>>;
export type HttpResponse = Response<unknown, Record<string, unknown>>;
