import { extractMentions } from './mentions';

describe('extractMentions', () => {
  it('finds @handles in order, once each, ignoring case for repeats', () => {
    expect(extractMentions('@worf hello @garek, and @WORF again')).toEqual(['worf', 'garek']);
  });

  it('does not take e-mail addresses or bare @ signs for mentions', () => {
    expect(extractMentions('write to me@example.com @ noon or @@garek')).toEqual([]);
  });

  it('stops a handle at the first character that cannot be in one', () => {
    expect(extractMentions('(@andrewbrown)! @worf.')).toEqual(['andrewbrown', 'worf']);
  });

  it('ignores handles longer than 32 characters', () => {
    expect(extractMentions(`@${'a'.repeat(33)} @ok`)).toEqual(['ok']);
  });
});
