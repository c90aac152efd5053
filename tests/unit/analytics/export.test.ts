import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/analytics';
import { ev, T0 } from './harness';

describe('CSV export', () => {
  it('quotes cells with commas, quotes and line breaks per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('dice "hola"')).toBe('"dice ""hola"""');
    expect(csvCell('línea 1\nlínea 2')).toBe('"línea 1\nlínea 2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+57 300')).toBe("'+57 300");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('precio=3')).toBe('precio=3');
  });

  it('writes a header and one CRLF-terminated row per event', () => {
    const event = ev('button_clicked', T0, 's1', { properties: { label: '=1+1' } });
    const csv = toCsv([event]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('timestamp,type,event,userId,anonymousId,sessionId,messageId,path,url,title,referrer,properties');
    expect(lines[1]).toContain('2025-01-15T10:00:00.000Z,track,button_clicked,,anon-1,s1,');
    expect(lines[1]).toContain('"{""label"":""=1+1""}"');
    expect(lines[2]).toBe('');
  });
});
