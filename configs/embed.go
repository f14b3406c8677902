// Package configs holds the built-in rubric, embedded in the binary so the
// tool runs with no files beside it.
package configs

import _ "embed"

// HALN is the Health Anchors Learning Network rubric, as YAML.
//
//go:embed haln.yaml
var HALN []byte
