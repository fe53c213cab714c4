// Package assets embeds the files the program ships with: the demo
// administration, the icon, fonts and translations.
package assets

import "embed"

// Demo holds demo/demo.json: a fictitious agency with one week of hours to process.
//
//go:embed demo/demo.json
var Demo []byte

// FS gives access to every embedded asset by path.
//
//go:embed demo icon.png
var FS embed.FS
