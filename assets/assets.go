// Package assets embeds the files the program ships with: the demo
// administration, the icon and the translations.
package assets

import "embed"

// Demo holds demo/demo.json: a fictitious agency with one week of hours to process.
//
//go:embed demo/demo.json
var Demo []byte

// Icon is the application icon (256×256 PNG).
//
//go:embed icon.png
var Icon []byte

// I18n holds the program's texts per language (i18n/nl.json, i18n/en.json).
//
//go:embed i18n/nl.json i18n/en.json
var I18n embed.FS

// FyneTranslations holds Dutch texts for Fyne's own dialogs (Fyne ships none),
// in Fyne's file naming (fyne/base.nl.json), for lang.AddTranslationsFS.
//
//go:embed i18n/fyne
var FyneTranslations embed.FS
