// PorchFeed
