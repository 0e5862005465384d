/**
 * The Unicode names a pattern may use in \p{…}, as RE2 spells them. Checked against re2js by
 * regex.test.ts, so a name listed here always compiles on the engine.
 */

/** General categories by their long and short JavaScript names, to RE2's short name. */
export const CATEGORIES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'L Letter',
    'LC Cased_Letter',
    'Lu Uppercase_Letter',
    'Ll Lowercase_Letter',
    'Lt Titlecase_Letter',
    'Lm Modifier_Letter',
    'Lo Other_Letter',
    'M Mark Combining_Mark',
    'Mn Nonspacing_Mark',
    'Mc Spacing_Mark',
    'Me Enclosing_Mark',
    'N Number',
    'Nd Decimal_Number digit',
    'Nl Letter_Number',
    'No Other_Number',
    'P Punctuation punct',
    'Pc Connector_Punctuation',
    'Pd Dash_Punctuation',
    'Ps Open_Punctuation',
    'Pe Close_Punctuation',
    'Pi Initial_Punctuation',
    'Pf Final_Punctuation',
    'Po Other_Punctuation',
    'S Symbol',
    'Sm Math_Symbol',
    'Sc Currency_Symbol',
    'Sk Modifier_Symbol',
    'So Other_Symbol',
    'Z Separator',
    'Zs Space_Separator',
    'Zl Line_Separator',
    'Zp Paragraph_Separator',
    'C Other',
    'Cc Control cntrl',
    'Cf Format',
    'Cs Surrogate',
    'Co Private_Use',
    'Cn Unassigned',
  ].flatMap((line) => {
    const [short = '', ...names] = line.split(' ');
    return [short, ...names].map((name) => [name, short]);
  }),
);

/** Binary properties both engines know, by their JavaScript names and aliases. */
export const PROPERTIES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'Any',
    'Assigned',
    'Alphabetic Alpha',
    'ASCII_Hex_Digit AHex',
    'Dash',
    'Emoji',
    'Emoji_Component EComp',
    'Emoji_Modifier EMod',
    'Emoji_Modifier_Base EBase',
    'Emoji_Presentation EPres',
    'Extended_Pictographic ExtPict',
    'Hex_Digit Hex',
    'Lowercase Lower',
    'Math',
    'Quotation_Mark QMark',
    'Terminal_Punctuation Term',
    'Uppercase Upper',
    'White_Space space',
  ].flatMap((line) => {
    const [name = '', ...aliases] = line.split(' ');
    return [name, ...aliases].map((alias) => [alias, name]);
  }),
);

/** Scripts by their full names (\p{Script=Greek}); RE2 knows no short codes such as Grek. */
export const SCRIPTS: ReadonlySet<string> = new Set(
  `
  Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali
  Beria_Erfe Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian
  Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot Cypro_Minoan
  Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic
  Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi
  Gurung_Khema Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited
  Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li
  Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A
  Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi
  Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian
  Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu
  Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian
  Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya
  Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan
  Saurashtra Sharada Shavian Siddham Sidetic SignWriting Sinhala Sogdian Sora_Sompeng Soyombo
  Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Tai_Yo Takri Tamil
  Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Todhri Tolong_Siki Toto Tulu_Tigalari
  Ugaritic Unknown Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square
`
    .split(/\s+/)
    .filter(Boolean),
);
