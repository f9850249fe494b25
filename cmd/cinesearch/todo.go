package main

import (
	"context"
	"errors"
	"io"
)

func runIndex(context.Context, []string, io.Writer, io.Writer) error  { return errors.New("todo") }
func runSearch(context.Context, []string, io.Writer, io.Writer) error { return errors.New("todo") }
func runServe(context.Context, []string, io.Writer, io.Writer) error  { return errors.New("todo") }
func runBench(context.Context, []string, io.Writer, io.Writer) error  { return errors.New("todo") }
