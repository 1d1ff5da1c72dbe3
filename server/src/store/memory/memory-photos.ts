// Photos kept in memory: one copy of the bytes per id, links per row and stage.
import type { NewPhoto, PhotoInfo, PhotoLink, PhotoSize, PhotoStore } from '../photo-store.ts';

export class MemoryPhotos implements PhotoStore {
  private readonly photos = new Map<string, NewPhoto>();
  private readonly links = new Map<string, PhotoLink[]>();

  async putPhoto(photo: NewPhoto, link: PhotoLink): Promise<boolean> {
    const created = !this.photos.has(photo.id);
    if (created)
      this.photos.set(photo.id, { ...photo, data: photo.data.slice(), thumb: photo.thumb.slice() });
    const links = this.links.get(photo.id) ?? [];
    if (!links.some((l) => l.room === link.room && l.rowId === link.rowId && l.stage === link.stage)) {
      links.push({ ...link });
      this.links.set(photo.id, links);
    }
    return created;
  }

  async getPhoto(id: string, size: PhotoSize): Promise<{ info: PhotoInfo; data: Uint8Array } | null> {
    const photo = this.photos.get(id);
    if (!photo) return null;
    const { data, thumb, ...info } = photo;
    return { info, data: (size === 'thumb' ? thumb : data).slice() };
  }

  async photoLinks(id: string): Promise<PhotoLink[]> {
    return (this.links.get(id) ?? []).map((l) => ({ ...l })).sort((a, b) => a.at - b.at);
  }

  async listPhotoIds(): Promise<string[]> {
    return [...this.photos.keys()].sort();
  }
}
