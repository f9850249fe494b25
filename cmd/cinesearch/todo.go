package main

import (
	"context"
	"errors"
	"io"
)

func runServe(context.Context, []string, io.Writer, io.Writer) error  { return errors.New("todo") }
func runBench(context.Context, []string, io.Writer, io.Writer) error  { return errors.New("todo") }
