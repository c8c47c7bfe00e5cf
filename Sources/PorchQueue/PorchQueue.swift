// PorchQueue
