module jgobench

go 1.23
