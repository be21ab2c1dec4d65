// Uploads in GridFS (bucket `uploads`), the organization and chat in each file's metadata. Every
// read here matches `metadata.orgId`, so a file id of another organization is simply not found.
import { GridFSBucket, type ObjectId as DriverObjectId } from 'mongodb';
import type { Connection } from 'mongoose';
import { ObjectId } from '../ids';

export const UPLOADS_BUCKET = 'uploads';

export interface UploadMeta {
  orgId: ObjectId;
  chatId: ObjectId;
  /** `bot`: a file of the bot's transcript (handoff-attachments.ts). */
  uploaderKind: 'agent' | 'contact' | 'bot';
  uploaderId: ObjectId | null;
  contentType: string;
  name: string;
}

export interface StoredFile {
  _id: ObjectId;
  length: number;
  filename: string;
  metadata: UploadMeta;
}

export class OrgFiles {
  constructor(
    private readonly conn: Connection,
    private readonly orgId: ObjectId,
  ) {}

  private get bucket() {
    return new GridFSBucket(this.conn.db!, { bucketName: UPLOADS_BUCKET });
  }

  private get filesCollection() {
    return this.conn.db!.collection(`${UPLOADS_BUCKET}.files`);
  }

  /** Stores the bytes under a new id; resolves once GridFS has every chunk. */
  async save(name: string, bytes: Uint8Array, meta: Omit<UploadMeta, 'orgId'>): Promise<ObjectId> {
    const id = new ObjectId();
    const metadata: UploadMeta = { ...meta, orgId: this.orgId };
    await new Promise<void>((resolve, reject) => {
      const upload = this.bucket.openUploadStreamWithId(id as unknown as DriverObjectId, name, { metadata });
      upload.once('finish', () => resolve());
      upload.once('error', reject);
      upload.end(Buffer.from(bytes));
    });
    return id;
  }

  async find(fileId: ObjectId): Promise<StoredFile | null> {
    return (await this.filesCollection.findOne({ _id: fileId, 'metadata.orgId': this.orgId })) as unknown as StoredFile | null;
  }

  /** The files of one chat among `ids` (attachments must belong to the chat they are sent in). */
  async findInChat(chatId: ObjectId, ids: ObjectId[]): Promise<StoredFile[]> {
    return (await this.filesCollection.find({ _id: { $in: ids }, 'metadata.orgId': this.orgId, 'metadata.chatId': chatId }).toArray()) as unknown as StoredFile[];
  }

  async count(): Promise<number> {
    return this.filesCollection.countDocuments({ 'metadata.orgId': this.orgId });
  }

  /** Only for a file already found through this organization. */
  openDownload(file: Pick<StoredFile, '_id'>): NodeJS.ReadableStream {
    return this.bucket.openDownloadStream(file._id as unknown as DriverObjectId);
  }
}
