// Package pipeline runs the stages in order:
//
//	discover  PATHs or a manifest -> inputs (organisation, type, date)
//	ingest    file -> text blocks with page or section (one reader per format)
//	segment   blocks -> sentences with provenance
//	match     sentences -> evidence, by the rubric (rubric.Compiled.Match)
//	score     evidence -> a level per theme, organisation and period
//	report    scores and evidence -> workbooks, CSV files and run.json
//
// Documents are read concurrently; everything after reading works on
// results in input order, so the same inputs give the same outputs.
package pipeline
