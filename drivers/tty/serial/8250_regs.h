/* 16550 register numbers (multiplied by the port's register spacing) and bits. */
#ifndef DRIVERS_SERIAL_8250_REGS_H
#define DRIVERS_SERIAL_8250_REGS_H

#define UART_TX 0  /* transmit holding (write) */
#define UART_RX 0  /* receive buffer (read) */
#define UART_IER 1 /* interrupt enable */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */

#define UART_LSR_DR 0x01   /* receive data ready */
#define UART_LSR_THRE 0x20 /* transmit holding register empty */
#define UART_LSR_TEMT 0x40 /* transmitter empty */

#endif
