module jgobench

go 1.19
