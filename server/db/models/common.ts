import { Schema } from 'mongoose';

// Sub-schemas reused by several models. `_id: false` keeps embedded values plain.
export const intervalSchema = new Schema({ start: String, end: String }, { _id: false });

export const scheduleSchema = new Schema(
  {
    timezone: { type: String, required: true },
    weekly: {
      mon: [intervalSchema],
      tue: [intervalSchema],
      wed: [intervalSchema],
      thu: [intervalSchema],
      fri: [intervalSchema],
      sat: [intervalSchema],
      sun: [intervalSchema],
    },
    exceptions: [new Schema({ date: String, intervals: [intervalSchema], label: String }, { _id: false })],
  },
  { _id: false },
);

export const schemaOptions = { versionKey: false, timestamps: false } as const;
