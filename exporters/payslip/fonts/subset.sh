#!/bin/sh
# Regenerates the payslip's subset of DejaVu Sans (Debian: apt-get install fonttools).
#
# gofpdf parses the whole TrueType file and builds its subset for every PDF it
# writes; with the full DejaVu Sans (6,000 glyphs, 1.4 MB for two styles) that
# is 80 % of the time of a one-page payslip. This subset keeps the scripts of
# names and addresses in a Dutch temp agency (Latin, Latin-1, Latin Extended-A/B
# and Additional: Polish, Lithuanian, Romanian, Turkish, Czech, Hungarian,
# Vietnamese…), punctuation and the € sign, and is about 10 × smaller. A payslip
# that holds a character outside it (Cyrillic, Greek, Arabic…) is rendered with
# the full fonts from verloner/assets instead (see fonts.go).
#
# Licence: the DejaVu fonts licence (assets/fonts/LICENSE-DejaVu.txt) allows
# modified copies under a name without "Bitstream" or "Vera"; the copyright
# notices stay in the name table.
set -eu
cd "$(dirname "$0")"
src=../../../assets/fonts
unicodes="U+0020-007E,U+00A0-024F,U+0259,U+02B9-02DD,U+0300-036F,U+1E00-1EFF,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2116,U+2122,U+2190-2193,U+2212,U+2248,U+2260,U+2264,U+2265,U+25CF,U+2713,U+2717,U+FFFD"
for f in DejaVuSans DejaVuSans-Bold; do
	pyftsubset "$src/$f.ttf" --unicodes="$unicodes" --layout-features='' --no-hinting \
		--notdef-outline --name-IDs='*' --name-languages='*' --output-file="$f-payslip.ttf"
done
