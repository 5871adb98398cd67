import { beforeEach, describe, expect, it } from 'vitest';
import { OPENING_FILE_PART_CHARACTERS } from '../../handlers/ports';
import { uniqueId, type Ports, type PortsFactory } from './fixtures';

const IN_A_DAY = new Date(Date.now() + 24 * 60 * 60 * 1000);

export function openingFilesContract(makePorts: PortsFactory): void {
  describe("the sealed box's opening files and pending uploads", () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    it('keeps a file in parts, counts them, and reads back any run of them; the first copy stands', async () => {
      const electionId = uniqueId('opening');
      const content = ['a', 'b', 'c'].map((c) => c.repeat(OPENING_FILE_PART_CHARACTERS)).join('') + 'd';
      expect(await ports.store.countOpeningFileParts(electionId, 'digest')).toBe(0);
      await ports.store.putOpeningFile(electionId, 'digest', content);
      await ports.store.putOpeningFile(electionId, 'digest', 'other');
      expect(await ports.store.countOpeningFileParts(electionId, 'digest')).toBe(4);
      expect(await ports.store.getOpeningFile(electionId, 'digest')).toBe(content);
      expect(await ports.store.readOpeningFileParts(electionId, 'digest', 1, 2)).toBe(content.slice(OPENING_FILE_PART_CHARACTERS, 3 * OPENING_FILE_PART_CHARACTERS));
      expect(await ports.store.readOpeningFileParts(electionId, 'digest', 3, 10)).toBe('d');
    });

    it("keeps the token of each of the workflow's waits for the committee apart, the last one kept", async () => {
      const electionId = uniqueId('waits');
      expect(await ports.store.waitToken(electionId, 'acceptance')).toBeUndefined();
      await ports.store.recordWait(electionId, 'opening', 'token-opening');
      await ports.store.recordWait(electionId, 'acceptance', 'token-day-1');
      await ports.store.recordWait(electionId, 'acceptance', 'token-day-2');
      expect(await ports.store.waitToken(electionId, 'opening')).toBe('token-opening');
      expect(await ports.store.waitToken(electionId, 'acceptance')).toBe('token-day-2');
      expect(await ports.store.waitToken(uniqueId('other'), 'acceptance')).toBeUndefined();
    });

    it("keeps a pending upload's parts as they arrive, the first copy of each; its count is fixed by its first part", async () => {
      const electionId = uniqueId('upload');
      expect(await ports.store.readUpload(electionId, 'u')).toBeUndefined();
      expect(await ports.store.putUploadPart(electionId, 'u', { index: 3, parts: 3, text: 'three' }, IN_A_DAY)).toEqual({ parts: 3 });
      expect(await ports.store.putUploadPart(electionId, 'u', { index: 1, parts: 3, text: 'one' }, IN_A_DAY)).toEqual({ parts: 3 });
      expect(await ports.store.putUploadPart(electionId, 'u', { index: 1, parts: 3, text: 'uno' }, IN_A_DAY)).toEqual({ parts: 3 });
      expect(await ports.store.putUploadPart(electionId, 'u', { index: 2, parts: 4, text: 'two' }, IN_A_DAY)).toEqual({ parts: 3 });
      expect(await ports.store.readUpload(electionId, 'u')).toEqual({
        parts: 3,
        arrived: new Map([
          [1, 'one'],
          [3, 'three'],
        ]),
      });
      const large = 'x'.repeat(OPENING_FILE_PART_CHARACTERS) + 'y';
      await ports.store.putUploadPart(electionId, 'u', { index: 2, parts: 3, text: large }, IN_A_DAY);
      expect((await ports.store.readUpload(electionId, 'u'))?.arrived.get(2)).toBe(large);
      expect(await ports.store.readUpload(electionId, 'other')).toBeUndefined();
    });
  });
}
