// Document ids. Code outside server/db/ makes and compares ids through here, so it never needs
// to import mongoose (the lint boundary forbids it).
import { Types, isValidObjectId } from 'mongoose';

export type ObjectId = Types.ObjectId;
export const ObjectId = Types.ObjectId;

/** A 24-hex-digit id string (mongoose's own check also accepts any 12-byte string). */
export const isObjectIdString = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-fA-F]{24}$/.test(value) && isValidObjectId(value);

export const isObjectId = (value: unknown): value is ObjectId => value instanceof Types.ObjectId;
